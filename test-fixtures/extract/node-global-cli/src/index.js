import React from 'react';
